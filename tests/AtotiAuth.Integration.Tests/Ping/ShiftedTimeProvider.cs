namespace AtotiAuth.Integration.Tests.Ping;

/// <summary>The system clock moved by a fixed offset: a token service living in the past issues tokens that are already expired.</summary>
public sealed class ShiftedTimeProvider(TimeSpan offset) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;
}
