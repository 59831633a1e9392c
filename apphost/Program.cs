using AtotiAuth.AppHost;

// The whole split system on this machine (issue 16): ./scripts/run.sh --system.
var builder = DistributedApplication.CreateBuilder(args);
LocalImages.EnsurePresent();
builder.AddAtotiAuthSystem(SystemFiles.Prepare());
builder.Build().Run();
