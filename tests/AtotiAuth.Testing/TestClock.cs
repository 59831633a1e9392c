using Microsoft.Extensions.Time.Testing;

namespace AtotiAuth.Testing;

/// <summary>A fake clock at a fixed, millisecond-exact start, so runs are reproducible.</summary>
public static class TestClock
{
    public static FakeTimeProvider Create() => new(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
}
