using AtotiAuth.Token;
using AtotiAuth.Shared.Hosting;
using AtotiAuth.Shared.Options;

var builder = WebApplication.CreateSlimBuilder(args);
builder.AddServiceDefaults();
builder.AddTokenService();

var app = builder.Build();
if (OptionsReport.IsRequested(args))
{
    return OptionsReport.Write(app.Services, Console.Out, Console.Error);
}

app.MapDefaultEndpoints();
app.MapTokenEndpoints();
app.Run();
return 0;
