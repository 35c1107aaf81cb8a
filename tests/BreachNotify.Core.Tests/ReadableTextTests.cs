namespace BreachNotify.Tests;

public sealed class ReadableTextTests
{
    [Theory]
    [InlineData("invoice\u202Efdp.exe", false, "invoicefdp.exe")]
    [InlineData("\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069", false, "")]
    [InlineData("a\u0000b\u0007c\u001b[2J", false, "abc[2J")]
    [InlineData("line one\r\nline two\rthree\tfour", true, "line one\nline two\nthreefour")]
    [InlineData("line one\nline two", false, "line oneline two")]
    [InlineData("plain text, \u05E2\u05D1\u05E8\u05D9\u05EA and \u200F marks", false, "plain text, \u05E2\u05D1\u05E8\u05D9\u05EA and \u200F marks")]
    public void Clean_DropsControlAndBidiFormattingCharacters(string value, bool keepLines, string expected) =>
        Assert.Equal(expected, ReadableText.Clean(value, keepLines));

    [Fact]
    public void Clean_NothingToDrop_ReturnsTheSameString()
    {
        const string value = "nothing hidden here";

        Assert.Same(value, ReadableText.Clean(value));
    }
}
