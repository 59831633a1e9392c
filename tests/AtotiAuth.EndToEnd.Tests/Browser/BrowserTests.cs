using AtotiAuth.EndToEnd.Tests.Infrastructure;

namespace AtotiAuth.EndToEnd.Tests.Browser;

/// <summary>The browser tests share one Chromium and run one after the other: a 2-core CI machine runs one browser well.</summary>
[CollectionDefinition(nameof(BrowserTests))]
public sealed class BrowserTests : ICollectionFixture<BrowserFixture>;
