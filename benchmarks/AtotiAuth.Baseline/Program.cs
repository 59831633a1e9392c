using AtotiAuth.Baseline;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();

var app = builder.Build();
app.MapBaselineEndpoints();
app.Run();
