using AtotiAuth.Ping;
using AtotiAuth.Shared.Hosting;

var builder = WebApplication.CreateSlimBuilder(args);
builder.AddServiceDefaults();
builder.AddPingService();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapPingEndpoints();
app.Run();
