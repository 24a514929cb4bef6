using Outreach.Testing;
using Outreach.Worker.Readers.Cards;

namespace Outreach.Worker.Tests.Readers;

public sealed class CardNumberTests
{
    [Theory]
    [InlineData(100001L)]
    [InlineData(123456789L)]
    [InlineData(7L)]
    public void A_formatted_card_number_is_valid_and_a_mistyped_one_is_not(long serial)
    {
        var number = CardNumber.Format(serial);

        Assert.True(CardNumber.IsValid(number));
        var mistyped = number[..5] + (char)('0' + (number[5] - '0' + 1) % 10) + number[6..];
        Assert.False(CardNumber.IsValid(mistyped));
    }

    [Fact]
    public void The_check_character_follows_iso_7064_mod_11_2_as_the_resident_id_number_does()
    {
        Assert.Equal('X', CardNumber.CheckCharacter("11010519491231002"));
    }

    [Fact]
    public async Task Card_numbers_minted_by_the_database_validate_in_the_hub()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync("card_numbers");
        await using var dataSource = Npgsql.NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand("SELECT outreach.next_card_number() FROM generate_series(1, 200)");
        await using var reader = await command.ExecuteReaderAsync();
        var count = 0;
        while (await reader.ReadAsync())
        {
            Assert.True(CardNumber.IsValid(reader.GetString(0)), reader.GetString(0));
            count++;
        }

        Assert.Equal(200, count);
    }

    [Fact]
    public async Task Card_numbers_minted_for_a_whole_roster_are_the_hubs_format_of_their_serial()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync("card_numbers_of");
        await using var dataSource = Npgsql.NpgsqlDataSource.Create(connectionString);
        // Every check character and every digit position, up to the largest nine-digit serial.
        await using var command = dataSource.CreateCommand("""
            SELECT serial, outreach.card_number_of(serial)
            FROM (SELECT s * 7919 % 1000000000 AS serial FROM generate_series(1, 5000) AS s
                  UNION ALL SELECT unnest(ARRAY[1, 100001, 999999999]::bigint[])) AS serials
            """);
        await using var reader = await command.ExecuteReaderAsync();
        var count = 0;
        while (await reader.ReadAsync())
        {
            Assert.Equal(CardNumber.Format(reader.GetInt64(0)), reader.GetString(1));
            count++;
        }

        Assert.Equal(5003, count);
    }
}
