using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace AtotiAuth.Shared.Options;

/// <summary>
/// A <see cref="TimeSpan"/> between two bounds, inclusive, written as <c>[TimeSpanRange("00:00:05", "01:00:00")]</c>
/// (the constant format, <c>[d.]hh:mm:ss[.fffffff]</c>). It replaces <c>[Range(typeof(TimeSpan), …)]</c>,
/// whose bounds and values go through a <c>TypeConverter</c> found by reflection and so are not
/// trim-safe (IL2026 under Native AOT, issue 19); the message is the same as that attribute's.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter)]
public sealed class TimeSpanRangeAttribute : ValidationAttribute
{
    /// <summary>Bounds in the constant format; a malformed bound throws where the attribute is read.</summary>
    public TimeSpanRangeAttribute(string minimum, string maximum)
        : base("The field {0} must be between {1} and {2}.")
    {
        Minimum = TimeSpan.ParseExact(minimum, "c", CultureInfo.InvariantCulture);
        Maximum = TimeSpan.ParseExact(maximum, "c", CultureInfo.InvariantCulture);
        if (Minimum > Maximum)
        {
            throw new ArgumentOutOfRangeException(nameof(minimum), minimum, $"The minimum is above the maximum ({maximum}).");
        }
    }

    /// <summary>The least value allowed.</summary>
    public TimeSpan Minimum { get; }

    /// <summary>The greatest value allowed.</summary>
    public TimeSpan Maximum { get; }

    /// <inheritdoc/>
    public override bool IsValid(object? value) => value switch
    {
        null => true,
        TimeSpan span => span >= Minimum && span <= Maximum,
        _ => false,
    };

    /// <inheritdoc/>
    public override string FormatErrorMessage(string name) =>
        string.Format(CultureInfo.CurrentCulture, ErrorMessageString, name, Minimum.ToString("c", CultureInfo.InvariantCulture), Maximum.ToString("c", CultureInfo.InvariantCulture));
}
