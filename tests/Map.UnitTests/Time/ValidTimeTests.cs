using System.Globalization;
using Map.Data.Queries;

namespace Map.UnitTests.Time;

/// <summary>"Present on D" means valid_from &lt;= D and (valid_to is null or valid_to &gt;= D).</summary>
public sealed class ValidTimeTests
{
    private static readonly DateOnly Day = new(2020, 8, 26);

    [Theory]
    [InlineData("2019-11-14", null, true)]
    [InlineData("2020-08-26", "2020-08-26", true)]
    [InlineData("2019-01-01", "2020-08-25", false)]
    [InlineData("2020-08-27", null, false)]
    [InlineData("2015-01-01", "2020-08-26", true)]
    public void AFeatureIsPresentOnADayInsideItsValidRange(string from, string? to, bool present) =>
        Assert.Equal(present, ValidTime.On(Day).Contains(
            DateOnly.Parse(from, CultureInfo.InvariantCulture), to is null ? null : DateOnly.Parse(to, CultureInfo.InvariantCulture)));

    [Fact]
    public void AnIntervalMatchesEveryFeatureThatOverlapsIt()
    {
        var window = new ValidTime(new DateOnly(2019, 10, 1), new DateOnly(2019, 12, 31));
        Assert.True(window.Contains(new DateOnly(2016, 1, 1), new DateOnly(2019, 10, 15)));
        Assert.True(window.Contains(new DateOnly(2019, 12, 31), null));
        Assert.False(window.Contains(new DateOnly(2020, 1, 1), null));
        Assert.False(window.Contains(new DateOnly(2016, 1, 1), new DateOnly(2019, 9, 30)));
    }

    [Fact]
    public void AnOpenEndedIntervalMatchesEverythingOnThatSide()
    {
        Assert.True(new ValidTime(null, new DateOnly(2019, 1, 1)).Contains(new DateOnly(1990, 1, 1), new DateOnly(1991, 1, 1)));
        Assert.True(new ValidTime(new DateOnly(2019, 1, 1), null).Contains(new DateOnly(2030, 1, 1), null));
    }
}
