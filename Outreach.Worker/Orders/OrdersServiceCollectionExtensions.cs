using Microsoft.Extensions.DependencyInjection;
using Outreach.Integrations.Configuration;
using Outreach.Worker.Jobs;
using Outreach.Worker.Orders.Board;
using Outreach.Worker.Orders.Desk;
using Outreach.Worker.Orders.Fulfilment;
using Outreach.Worker.Orders.Intake;
using Outreach.Worker.Orders.Notices;
using Outreach.Worker.Orders.Push;

namespace Outreach.Worker.Orders;

public static class OrdersServiceCollectionExtensions
{
    /// <summary>Book orders: intake, push, fulfilment (poll and webhook), reader notices, staff desk and board, their jobs.</summary>
    public static IServiceCollection AddOutreachOrders(this IServiceCollection services)
    {
        services.AddOutreachOptions<OrdersOptions>(OrdersOptions.Section);

        services.AddTransient<BookRequestIntake>();
        services.AddTransient<CsvRequestImport>();

        services.AddTransient<PushRecorder>();
        services.AddTransient<IOrderPushStore, OrderPushStore>();
        services.AddTransient<OrderPush>();
        services.AddTransient<OrdersPushJob>();

        services.AddSingleton<ChangeApplier>();
        services.AddTransient<FeedPoll>();
        services.AddTransient<OrdersPollJob>();
        services.AddTransient<BookstoreWebhook>();

        services.AddSingleton<NoticeComposer>();
        services.AddTransient<NoticeEnqueuer>();
        services.AddSingleton<IDueNotices, DueNotices>();
        services.AddTransient<ReaderNotices>();
        services.AddTransient<ReaderNoticeJob>();

        services.AddTransient<OrderDesk>();
        services.AddTransient<OrderBoard>();

        services.AddJob(JobDefinition.For<OrdersPushJob>(OrderPush.JobName, HubQueues.Orders,
            "Push pending book orders to the bookstore (Idempotency-Key = order_ref)", [], (_, ct) => job => job.RunAsync(ct)));
        services.AddJob(JobDefinition.For<OrdersPollJob>(FeedPoll.JobName, HubQueues.Orders,
            "Apply the bookstore's fulfilment changes from the last applied seq", [], (_, ct) => job => job.RunAsync(ct)));
        services.AddJob(JobDefinition.For<ReaderNoticeJob>(ReaderNotices.JobName, HubQueues.Mail,
            "Send readers their book-order notices (ready for pickup, cancelled, rejected), each once", [], (_, ct) => job => job.RunAsync(ct)));
        return services;
    }
}
