using AtotiAuth.Identity;
using AtotiAuth.Shared.Hosting;

var builder = WebApplication.CreateSlimBuilder(args);
builder.AddServiceDefaults();
builder.AddIdentityService();
return builder.RunAtotiAuthService(args, IdentityServiceExtensions.MapIdentityEndpoints);
