using Outreach.Integrations.PersonalData;

namespace Outreach.Integrations.Tests.PersonalData;

public class ContactValidationTests
{
    [Theory]
    [InlineData("13812345678", "13812345678")]
    [InlineData("19912345678", "19912345678")]
    [InlineData(" 138-1234-5678 ", "13812345678")]
    [InlineData("138 1234 5678", "13812345678")]
    public void Mobile_number_is_11_digits_starting_1_then_3_to_9(string phone, string normalized)
    {
        Assert.True(ContactValidation.TryNormalizeMobileNumber(phone, out var result));
        Assert.Equal(normalized, result);
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("12812345678")]
    [InlineData("23812345678")]
    [InlineData("1381234567")]
    [InlineData("138123456789")]
    [InlineData("1381234567a")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_else_is_not_a_mobile_number(string? phone) =>
        Assert.False(ContactValidation.IsMobileNumber(phone));

    [Theory]
    [InlineData("13812345678")]
    [InlineData("+86 138 1234 5678")]
    [InlineData("+86-138-1234-5678")]
    [InlineData("(+86) 138.1234.5678")]
    [InlineData("008613812345678")]
    [InlineData("8613812345678")]
    [InlineData("138\u30001234\u30005678")]
    public void A_dialled_number_loses_its_separators_and_the_country_code(string dialled)
    {
        Assert.True(ContactValidation.TryNormalizeDialledNumber(dialled, out var mobile));
        Assert.Equal("13812345678", mobile);
    }

    [Theory]
    [InlineData("+1 138 1234 5678")]
    [InlineData("0574-87654321")]
    [InlineData("86138123456")]
    [InlineData("GL01-0000042")]
    [InlineData("")]
    [InlineData(null)]
    public void A_dialled_number_that_is_no_mainland_mobile_is_refused(string? dialled) =>
        Assert.False(ContactValidation.TryNormalizeDialledNumber(dialled, out _));

    [Theory]
    [InlineData("rgl041@mail.example.cn")]
    [InlineData("zhang.san+events@example.com")]
    [InlineData("读者@例子.中国")]
    public void Plain_address_is_an_email(string email) =>
        Assert.True(ContactValidation.IsEmailAddress(email));

    [Theory]
    [InlineData("not-an-email@")]
    [InlineData("@example.com")]
    [InlineData("a@@example.com")]
    [InlineData("a@b@example.com")]
    [InlineData("a@example")]
    [InlineData("a b@example.com")]
    [InlineData("a@exa mple.com")]
    [InlineData("a@.example.com")]
    [InlineData("a@example..com")]
    [InlineData("a@-example.com")]
    [InlineData("Zhang San <zs@example.com>")]
    [InlineData("")]
    [InlineData(null)]
    public void Malformed_address_is_not_an_email(string? email) =>
        Assert.False(ContactValidation.IsEmailAddress(email));
}
