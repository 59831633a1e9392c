using AtotiAuth.Deploy.Tests.Rendering;

[assembly: AssemblyFixture(typeof(AtotiAuth.Deploy.Tests.WorkspaceCleanup))]

namespace AtotiAuth.Deploy.Tests;

/// <summary>Removes the run's copy of deploy/k8s once every test is done.</summary>
public sealed class WorkspaceCleanup : IDisposable
{
    public void Dispose() => Workspace.DeleteIfCreated();
}
