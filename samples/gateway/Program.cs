using AtotiAuth.Samples.Gateway;

var builder = WebApplication.CreateSlimBuilder(args);
builder.AddGateway();

var app = builder.Build();
app.MapGatewayEndpoints();
app.Run();
