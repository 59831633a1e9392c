using Microsoft.Extensions.Time.Testing;

namespace AtotiAuth.Shared.Tests.Store;

/// <summary>A fake clock at a fixed, millisecond-exact start, so runs are reproducible.</summary>
internal static class TestClock
{
    public static FakeTimeProvider Create() => new(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
}
