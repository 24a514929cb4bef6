using Outreach.Integrations.Bookstore;

namespace Outreach.Integrations.Tests.Bookstore;

public class IsbnTests
{
    [Theory]
    [InlineData("9787020002207", "9787020002207")]
    [InlineData("978-7-02-000220-7", "9787020002207")]
    [InlineData(" 978 7020 002207 ", "9787020002207")]
    [InlineData("702000220X", "9787020002207")]
    [InlineData("7-02-000220-x", "9787020002207")]
    [InlineData("080442957X", "9780804429573")]
    [InlineData("080442957x", "9780804429573")]
    [InlineData("9791032305690", "9791032305690")]
    public void Valid_isbn_is_normalised_to_thirteen_digits(string input, string expected)
    {
        Assert.True(Isbn.TryNormalize(input, out var isbn13, out var problem), problem?.English);
        Assert.Equal(expected, isbn13);
    }

    [Theory]
    [InlineData(null, "ISBN is required")]
    [InlineData(" - ", "ISBN is required")]
    [InlineData("9787020002208", "fails its ISBN-13 check digit")]
    [InlineData("7020002207", "fails its ISBN-10 check digit")]
    [InlineData("9777020002207", "does not start with 978 or 979")]
    [InlineData("978702000220", "has 12 characters; an ISBN has 10 or 13 digits")]
    [InlineData("97870200022X7", "has characters other than digits")]
    [InlineData("70200X2208", "has characters other than digits")]
    public void Invalid_isbn_is_refused_saying_why(string? input, string reason)
    {
        Assert.False(Isbn.TryNormalize(input, out _, out var problem));
        Assert.Contains(reason, problem.English, StringComparison.Ordinal);
    }
}
