using Outreach.Integrations.PersonalData;

namespace Outreach.Integrations.Tests.PersonalData;

public class IdNumberTests
{
    [Theory]
    [InlineData("330203199001011236")]
    [InlineData("11010519491231002X")]
    [InlineData("33020319800106005X")]
    [InlineData(" 330203196103055623 ")]
    public void Number_with_matching_check_character_is_valid(string idNumber) =>
        Assert.True(IdNumber.IsValid(idNumber));

    [Fact]
    public void Lower_case_x_is_normalised_to_upper_case()
    {
        Assert.True(IdNumber.TryNormalize("11010519491231002x", out var normalized));
        Assert.Equal("11010519491231002X", normalized);
    }

    [Theory]
    [InlineData("330203199001011230", "wrong check character")]
    [InlineData("330203196105076200", "wrong check character (sample row GL03-0000001)")]
    [InlineData("11010519491231002Y", "check character that is no digit or X")]
    [InlineData("330203199002301235", "check character right but 30 February")]
    [InlineData("33020319900101123", "17 characters")]
    [InlineData("3302031990010112366", "19 characters")]
    [InlineData("33020A199001011236", "a letter in the body")]
    [InlineData("", "empty")]
    [InlineData(null, "missing")]
    public void Number_that_breaks_a_rule_is_invalid(string? idNumber, string why) =>
        Assert.False(IdNumber.IsValid(idNumber), why);

    [Fact]
    public void Check_character_follows_ISO_7064_MOD_11_2() =>
        Assert.Equal('X', IdNumber.CheckCharacter("11010519491231002"));

    [Fact]
    public void Mask_keeps_the_first_six_and_last_four_characters() =>
        Assert.Equal("330203********123X", IdNumber.Mask("33020319800101123X"));

    [Fact]
    public void Mask_of_a_number_of_another_length_shows_nothing() =>
        Assert.Equal("*****", IdNumber.Mask("12345"));
}
