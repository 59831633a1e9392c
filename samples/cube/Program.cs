using AtotiAuth.Samples.Cube;

var builder = WebApplication.CreateSlimBuilder(args);
builder.AddCube();

var app = builder.Build();
app.MapCubeEndpoints();
app.Run();
