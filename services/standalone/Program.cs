using AtotiAuth.Identity;
using AtotiAuth.Shared.Hosting;
using AtotiAuth.Standalone;
using AtotiAuth.Token;

var builder = WebApplication.CreateSlimBuilder(args);
builder.AddServiceDefaults();
builder.AddStandaloneDefaults();
builder.AddIdentityService();
builder.AddTokenService();
return builder.RunAtotiAuthService(args, StandaloneExtensions.MapStandaloneEndpoints);
