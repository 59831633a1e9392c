namespace AtotiAuth.EndToEnd.Tests.Http;

/// <summary>Tests that take part of the system away run alone, after every parallel test has finished.</summary>
[CollectionDefinition(nameof(SystemAlteringTests), DisableParallelization = true)]
public sealed class SystemAlteringTests;
