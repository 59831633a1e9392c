using System.ComponentModel.DataAnnotations;
using AtotiAuth.Shared.Options;

namespace AtotiAuth.Shared.Tests.Options;

public sealed class TimeSpanRangeAttributeTests
{
    [Theory]
    [InlineData("00:00:05", true)]
    [InlineData("00:30:00", true)]
    [InlineData("01:00:00", true)]
    [InlineData("00:00:04.9999999", false)]
    [InlineData("01:00:00.0000001", false)]
    [InlineData("-00:00:05", false)]
    public void IsValid_BoundsInclusive(string value, bool valid) =>
        Assert.Equal(valid, new TimeSpanRangeAttribute("00:00:05", "01:00:00").IsValid(TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void IsValid_NullPasses_AnotherTypeFails()
    {
        var range = new TimeSpanRangeAttribute("00:00:00", "1.00:00:00");

        Assert.True(range.IsValid(null));
        Assert.False(range.IsValid(5));
    }

    [Fact]
    public void Bounds_FractionsAndDays_AreRead()
    {
        var range = new TimeSpanRangeAttribute("00:00:00.050", "30.00:00:00");

        Assert.Equal(TimeSpan.FromMilliseconds(50), range.Minimum);
        Assert.Equal(TimeSpan.FromDays(30), range.Maximum);
    }

    [Theory]
    [InlineData("5 seconds", "01:00:00")]
    [InlineData("00:00:05", "1 hour")]
    [InlineData("01:00:00", "00:00:05")]
    public void Bounds_MalformedOrReversed_Throw(string minimum, string maximum) =>
        Assert.ThrowsAny<Exception>(() => new TimeSpanRangeAttribute(minimum, maximum));

    [Fact]
    public void FormatErrorMessage_SameAsTheRangeAttributeItReplaces()
    {
        // The message operators saw before issue 19 replaced [Range(typeof(TimeSpan), …)].
        var before = new RangeAttribute(typeof(TimeSpan), "00:00:05", "1.00:00:00");
        _ = before.IsValid(TimeSpan.Zero);

        Assert.Equal(before.FormatErrorMessage("ProxyActivityTimeout"), new TimeSpanRangeAttribute("00:00:05", "1.00:00:00").FormatErrorMessage("ProxyActivityTimeout"));
    }
}
