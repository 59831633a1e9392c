using AtotiAuth.Ping;
using AtotiAuth.Shared.Hosting;

var builder = WebApplication.CreateSlimBuilder(args);
builder.AddServiceDefaults();
builder.AddPingService();
return builder.RunAtotiAuthService(args, PingServiceExtensions.MapPingEndpoints);
