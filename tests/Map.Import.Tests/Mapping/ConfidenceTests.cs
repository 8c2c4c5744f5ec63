using Map.Import.Mapping;

namespace Map.Import.Tests.Mapping;

/// <summary>How a confidence is read from a DBF value or an option: one rule that cannot misread 1.5 as 1.5 %.</summary>
public sealed class ConfidenceTests
{
    [Theory]
    [InlineData("0", 0)]
    [InlineData("0.8", 0.8)]
    [InlineData("1", 1)]
    [InlineData("2", 0.02)]
    [InlineData("75", 0.75)]
    [InlineData("100", 1)]
    [InlineData("62.5%", 0.625)]
    [InlineData("1.5%", 0.015)]
    [InlineData(" 40 % ", 0.4)]
    [InlineData("high", 0.9)]
    [InlineData("Low", 0.3)]
    public void ReadableConfidences(string text, double expected)
    {
        Assert.True(ValueParsing.TryConfidence(text, out var confidence, out var reason), reason);
        Assert.Equal(expected, confidence, 1e-12);
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("62.5")]
    [InlineData("101")]
    [InlineData("-0.1")]
    [InlineData("120%")]
    [InlineData("sure")]
    public void ConfidencesThatWouldBeGuessesAreRefused(string text) => Assert.False(ValueParsing.TryConfidence(text, out _, out _));

    [Fact]
    public void NumbersFromNumericFieldsFollowTheSameRule()
    {
        Assert.True(ValueParsing.TryConfidence(75.0, out var whole, out _));
        Assert.Equal(0.75, whole);
        Assert.False(ValueParsing.TryConfidence(1.5, out _, out var reason));
        Assert.StartsWith("1.5 is not a confidence", reason);
    }
}
