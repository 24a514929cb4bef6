using Outreach.Integrations.PersonalData;

namespace Outreach.Integrations.Tests.PersonalData;

public class MaskingTests
{
    [Fact]
    public void Phone_keeps_the_first_three_and_last_four_digits() =>
        Assert.Equal("138****5678", Masking.Phone("13812345678"));

    [Fact]
    public void Short_phone_is_fully_masked() =>
        Assert.Equal("*****", Masking.Phone("12345"));

    [Theory]
    [InlineData("zhang.san@example.com", "z***@example.com")]
    [InlineData("a@example.com", "a***@example.com")]
    [InlineData("not-an-email", "***")]
    public void Email_keeps_the_first_character_and_the_domain(string email, string masked) =>
        Assert.Equal(masked, Masking.Email(email));

    [Theory]
    [InlineData("张三", "张*")]
    [InlineData("张晓明", "张*明")]
    [InlineData("欧阳娜娜", "欧**娜")]
    [InlineData("John Smith", "J*** Smith")]
    [InlineData("Mary Ann Smith", "M*** A** Smith")]
    [InlineData("Madonna", "M******")]
    [InlineData("𠀀明", "𠀀*")]
    public void Name_keeps_only_what_identifies_no_one(string name, string masked) =>
        Assert.Equal(masked, Masking.Name(name));
}
