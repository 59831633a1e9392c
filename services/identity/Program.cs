using AtotiAuth.Identity;
using AtotiAuth.Shared.Hosting;

var builder = WebApplication.CreateSlimBuilder(args);
builder.AddServiceDefaults();
builder.AddIdentityService();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapIdentityEndpoints();
app.Run();
