using AtotiAuth.Identity;
using AtotiAuth.Shared.Hosting;
using AtotiAuth.Shared.Options;
using AtotiAuth.Standalone;
using AtotiAuth.Token;

var builder = WebApplication.CreateSlimBuilder(args);
builder.AddServiceDefaults();
builder.AddStandaloneDefaults();
builder.AddIdentityService();
builder.AddTokenService();

var app = builder.Build();
if (OptionsReport.IsRequested(args))
{
    return OptionsReport.Write(app.Services, Console.Out, Console.Error);
}

app.MapDefaultEndpoints();
app.MapIdentityEndpoints();
app.MapTokenEndpoints();
app.ReportStandaloneUrls();
app.Run();
return 0;
