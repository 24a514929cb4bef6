using System.Text;
using Outreach.Worker.Orders.Intake;

namespace Outreach.Worker.Tests.Orders;

public sealed class CsvImportTests
{
    [Fact]
    public async Task A_csv_file_is_imported_row_by_row_with_each_refusal_saying_why_and_importing_it_again_orders_nothing_twice()
    {
        await using var world = await OrdersWorld.StartAsync("csv_import");
        var card = await world.ReaderAsync();
        var file = Encoding.UTF8.GetBytes($"""
            card_number,isbn,title,quantity,unit_price,budget_code,deliver_to,community
            {card},9787020002207,红楼梦,1,45.00,SOC-2026,,
            {card},9787020002208,红楼梦,1,45.00,SOC-2026,,
            ZB000000001X,9787020008728,三国演义,1,39.5,SOC-2026,community_room,GL01

            {card},9787020008735,水浒传,two,45,SOC-2026,,
            """);
        var import = world.Get<CsvRequestImport>();

        var report = await import.ImportAsync(file, "librarian", CancellationToken.None);
        var again = await import.ImportAsync(file, "another-librarian", CancellationToken.None);

        Assert.Null(report.FileProblem?.English);
        Assert.Equal([2, 3, 4, 6], report.Rows.Select(r => r.Line));
        Assert.Equal([IntakeVerdict.Accepted, IntakeVerdict.Refused, IntakeVerdict.Refused, IntakeVerdict.Refused], report.Rows.Select(r => r.Result.Verdict));
        Assert.Equal(["ISBN '9787020002208' fails its ISBN-13 check digit"], report.Rows[1].Result.Reasons);
        Assert.Equal(["card ZB000000001X is not a card the library issued"], report.Rows[2].Result.Reasons);
        Assert.Equal(["quantity 'two' is not a number"], report.Rows[3].Result.Reasons);
        Assert.Equal(IntakeVerdict.AlreadyReceived, again.Rows[0].Result.Verdict);
        Assert.Equal(report.Rows[0].Result.OrderRef, again.Rows[0].Result.OrderRef);
        Assert.Equal(1, await world.CountAsync("SELECT count(*) FROM outreach.book_orders"));
        Assert.Equal(["csv:librarian"], await world.ListAsync("SELECT actor FROM outreach.book_order_events"));
    }

    [Fact]
    public async Task An_excel_export_in_gb18030_with_chinese_headers_is_read()
    {
        await using var world = await OrdersWorld.StartAsync("csv_gb18030");
        var card = await world.ReaderAsync();
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var file = Encoding.GetEncoding("GB18030").GetBytes($"阅览证号,ISBN,书名,数量,单价,预算代码\r\n{card},9787020002207,红楼梦,1,45,SOC-2026\r\n");

        var report = await world.Get<CsvRequestImport>().ImportAsync(file, "librarian", CancellationToken.None);

        Assert.Equal(IntakeVerdict.Accepted, Assert.Single(report.Rows).Result.Verdict);
        Assert.Equal(["红楼梦"], await world.ListAsync("SELECT title FROM outreach.book_orders"));
    }

    [Fact]
    public async Task A_file_without_the_required_columns_is_refused_naming_them()
    {
        await using var world = await OrdersWorld.StartAsync("csv_header");

        var report = await world.Get<CsvRequestImport>().ImportAsync(Encoding.UTF8.GetBytes("card_number,isbn,title\nZB1,1,x\n"), "librarian", CancellationToken.None);

        Assert.Empty(report.Rows);
        Assert.Equal("The header lacks quantity, unit_price, budget_code; the columns are: " + CsvRequestImport.Template + ".", report.FileProblem?.English);
    }
}
