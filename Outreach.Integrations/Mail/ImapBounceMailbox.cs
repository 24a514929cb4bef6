using System.Runtime.CompilerServices;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Outreach.Integrations.Mail;

/// <summary>The MailKit IMAP adapter of <see cref="IBounceMailbox"/>.</summary>
internal sealed class ImapBounceMailbox(IOptions<BounceMailboxOptions> options, ILogger<ImapBounceMailbox> logger) : IBounceMailbox
{
    public bool IsConfigured => options.Value.IsConfigured;

    public async Task<IBounceMailboxSession> OpenAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.IsConfigured)
            throw new InvalidOperationException($"The bounce mailbox is not configured: set {BounceMailboxOptions.SectionPath}:Host.");

        var client = new ImapClient { Timeout = (int)settings.Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(settings.Host!, settings.Port, SmtpLane.Socket(settings.Security), cancellationToken);
            await client.AuthenticateAsync(settings.Username!, settings.Password!, cancellationToken);
            var folder = string.Equals(settings.Folder, "INBOX", StringComparison.OrdinalIgnoreCase)
                ? client.Inbox
                : await client.GetFolderAsync(settings.Folder, cancellationToken);
            await folder.OpenAsync(FolderAccess.ReadWrite, cancellationToken);
            return new Session(client, folder, settings, logger);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private sealed class Session(ImapClient client, IMailFolder folder, BounceMailboxOptions settings, ILogger logger) : IBounceMailboxSession
    {
        public async IAsyncEnumerable<MailboxMessage> ReadNewAsync([EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var ids = await folder.SearchAsync(SearchQuery.NotSeen, cancellationToken);
            var batch = ids.OrderBy(id => id.Id).Take(settings.MaxMessagesPerRun).ToList();
            Log.MailboxRead(logger, settings.Folder, batch.Count);
            foreach (var id in batch)
            {
                var message = await folder.GetMessageAsync(id, cancellationToken);
                yield return new MailboxMessage(id.Id, message);
            }
        }

        public async Task RemoveAsync(IReadOnlyCollection<uint> ids, CancellationToken cancellationToken)
        {
            if (ids.Count == 0)
                return;

            var uids = ids.Select(id => new UniqueId(id)).ToList();
            await folder.AddFlagsAsync(uids, MessageFlags.Seen | MessageFlags.Deleted, silent: true, cancellationToken);
            await folder.ExpungeAsync(cancellationToken);
        }

        public async Task MarkSeenAsync(IReadOnlyCollection<uint> ids, CancellationToken cancellationToken)
        {
            if (ids.Count > 0)
                await folder.AddFlagsAsync(ids.Select(id => new UniqueId(id)).ToList(), MessageFlags.Seen, silent: true, cancellationToken);
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                if (client.IsConnected)
                    await client.DisconnectAsync(quit: true, CancellationToken.None);
            }
            catch (Exception failure) when (failure is IOException or ImapProtocolException or ImapCommandException)
            {
                // What was to be removed is removed; a failed LOGOUT changes nothing.
            }
            finally
            {
                client.Dispose();
            }
        }
    }
}
