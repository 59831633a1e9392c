namespace AtotiAuth.Identity;

/// <summary>
/// User-supplied text in a log event (STYLE.md §13): control characters (line endings, tabs, escapes)
/// replaced and length bounded when written, so a caller cannot forge log lines. Converted implicitly
/// from <see cref="string"/>, so the cleaning costs nothing when the level is off.
/// </summary>
internal readonly struct LogText : IEquatable<LogText>
{
    private const int MaxLength = 200;
    private readonly string? _value;

    public LogText(string? value) => _value = value;

    public static implicit operator LogText(string? value) => new(value);

    public static LogText FromString(string? value) => new(value);

    public override string ToString() => Safe(_value);

    public static string Safe(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        var length = Math.Min(value.Length, MaxLength);
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = char.IsControl(value[i]) ? '?' : value[i];
        }

        return value.Length > MaxLength ? new string(chars) + "…" : new string(chars);
    }

    public bool Equals(LogText other) => string.Equals(_value, other._value, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is LogText other && Equals(other);

    public override int GetHashCode() => _value is null ? 0 : StringComparer.Ordinal.GetHashCode(_value);

    public static bool operator ==(LogText left, LogText right) => left.Equals(right);

    public static bool operator !=(LogText left, LogText right) => !left.Equals(right);
}
