using Outreach.Worker.Readers.Sync;

namespace Outreach.Worker.Tests.Readers;

public sealed class DuplicateScreenTests
{
    private static byte[] IdHash(int seed)
    {
        var hash = new byte[32];
        new Random(seed).NextBytes(hash);
        return hash;
    }

    [Fact]
    public void A_roster_of_distinct_residents_and_ID_numbers_certainly_has_no_duplicates()
    {
        var screen = new DuplicateScreen();
        for (var i = 0; i < 100_000; i++)
            screen.Add($"GL01-{i:0000000}", i % 7 == 0 ? null : IdHash(i));

        Assert.False(screen.MayHaveDuplicates());
    }

    [Fact]
    public void A_resident_id_met_twice_may_be_a_duplicate()
    {
        var screen = new DuplicateScreen();
        screen.Add("GL01-0000001", IdHash(1));
        screen.Add("GL01-0000002", IdHash(2));
        screen.Add("GL01-0000001", IdHash(3));

        Assert.True(screen.MayHaveDuplicates());
    }

    [Fact]
    public void An_ID_number_met_twice_under_two_resident_ids_may_be_a_duplicate()
    {
        var screen = new DuplicateScreen();
        screen.Add("GL01-0000001", IdHash(1));
        screen.Add("GL01-0000002", IdHash(1));

        Assert.True(screen.MayHaveDuplicates());
    }

    [Fact]
    public void Rows_without_an_ID_number_are_screened_by_resident_id_alone()
    {
        var screen = new DuplicateScreen();
        screen.Add("GL01-0000001", null);
        screen.Add("GL01-0000002", null);

        Assert.False(screen.MayHaveDuplicates());
    }
}
