using AtotiAuth.EndToEnd.Tests.Infrastructure;

// The whole system starts once for the run; tests create their own users, so they do not share sessions.
[assembly: AssemblyFixture(typeof(EndToEndSystem))]
