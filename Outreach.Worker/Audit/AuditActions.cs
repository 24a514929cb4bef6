namespace Outreach.Worker.Audit;

/// <summary>
/// The codes of audited actions, stored with each entry; the audit page names them. A code never changes meaning:
/// a new kind of action gets a new code.
/// </summary>
public static class AuditActions
{
    public const string LoggedIn = "login";
    public const string LoginFailed = "login_failed";
    public const string LoggedOut = "logout";

    public const string HangfireRequeue = "hangfire_requeue";
    public const string HangfireDelete = "hangfire_delete";
    public const string HangfireTrigger = "hangfire_trigger";
    public const string HangfireOther = "hangfire_command";
    public const string RunNow = "run_now";

    public const string RosterApproved = "roster_approved";
    public const string QuarantineResolved = "quarantine_resolved";

    public const string OrderPushedAgain = "order_pushed_again";
    public const string OrderReleased = "order_released";
    public const string OrderDeclined = "order_declined";

    public const string DigestCopyArrived = "digest_copy_arrived";
    public const string DigestCopySendAgain = "digest_copy_send_again";

    public const string StaffSaved = "staff_saved";
    public const string StaffRoleChanged = "staff_role_changed";
    public const string StaffDisabled = "staff_disabled";
    public const string StaffEnabled = "staff_enabled";
    public const string PasswordChanged = "password_changed";

    public const string MetricsExported = "metrics_exported";
    public const string ReaderAccessExported = "reader_access_exported";
    public const string ReadersSearched = "readers_searched";
    public const string ReaderViewed = "reader_viewed";
    public const string ReaderErased = "reader_erased";
    public const string RetentionErased = "retention_erased";
    public const string SuppressionLifted = "erasure_suppression_lifted";

    public const string AuditPruned = "audit_pruned";

    public const string NoticeResent = "notice_resent";
    public const string CardStatusPushedAgain = "card_status_pushed_again";
    public const string AddressMarkedBad = "address_marked_bad";
    public const string SeatsCapacityChanged = "seats_capacity_changed";
    public const string SeatsClosed = "seats_closed";
    public const string SeatsReopened = "seats_reopened";
    public const string SeatsCheckedIn = "seats_checked_in";
    public const string SeatsExported = "seats_exported";
    public const string SeatMailArrived = "seat_mail_arrived";
    public const string SeatMailSendAgain = "seat_mail_send_again";

    public static IReadOnlyList<string> All { get; } =
    [
        LoggedIn, LoginFailed, LoggedOut, HangfireRequeue, HangfireDelete, HangfireTrigger, HangfireOther, RunNow, RosterApproved,
        QuarantineResolved, OrderPushedAgain, OrderReleased, OrderDeclined, DigestCopyArrived, DigestCopySendAgain, StaffSaved,
        StaffRoleChanged, StaffDisabled, StaffEnabled, PasswordChanged, MetricsExported, ReaderAccessExported, ReadersSearched,
        ReaderViewed, ReaderErased, RetentionErased, SuppressionLifted, AuditPruned, NoticeResent,
        SeatsCapacityChanged, SeatsClosed, SeatsReopened, SeatsCheckedIn, SeatsExported,
        SeatMailArrived, SeatMailSendAgain,
        CardStatusPushedAgain, AddressMarkedBad,
    ];
}
