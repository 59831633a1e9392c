using AtotiAuth.Shared.Hosting;
using AtotiAuth.Token;

var builder = WebApplication.CreateSlimBuilder(args);
builder.AddServiceDefaults();
builder.AddTokenService();
return builder.RunAtotiAuthService(args, TokenServiceExtensions.MapTokenEndpoints);
