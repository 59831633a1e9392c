using AtotiAuth.Token;
using AtotiAuth.Shared.Hosting;

var builder = WebApplication.CreateSlimBuilder(args);
builder.AddServiceDefaults();
builder.AddTokenService();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapTokenEndpoints();
app.Run();
