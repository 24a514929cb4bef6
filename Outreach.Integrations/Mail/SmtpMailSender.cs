using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using Polly;
using Polly.Retry;

namespace Outreach.Integrations.Mail;

/// <summary>
/// The MailKit adapter of <see cref="IMailSender"/>: sessions of parallel pooled connections, one rate limit for the
/// whole process, transient failures retried with jittered backoff, DKIM signing when a key is configured.
/// </summary>
internal sealed class SmtpMailSender : IMailSender, IDisposable
{
    private readonly MailOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<SmtpMailSender> _logger;
    private readonly RateLimiter? _rateLimiter;
    private readonly DkimSigning _dkim;
    private readonly string? _bounceLocal;
    private readonly string? _bounceDomain;

    public SmtpMailSender(IOptions<MailOptions> options, TimeProvider clock, ILogger<SmtpMailSender> logger)
    {
        _options = options.Value;
        _clock = clock;
        _logger = logger;
        _rateLimiter = CreateRateLimiter(_options.MessagesPerSecond);
        _dkim = new DkimSigning(_options.Dkim);
        if (_options.IsConfigured)
        {
            var bounce = MailboxAddress.Parse(string.IsNullOrWhiteSpace(_options.BounceAddress) ? _options.From! : _options.BounceAddress).Address;
            var at = bounce.LastIndexOf('@');
            (_bounceLocal, _bounceDomain) = (bounce[..at], bounce[at..]);
        }
    }

    public bool IsConfigured => _options.IsConfigured;

    public IMailSession OpenSession(int? connections = null)
    {
        if (!_options.IsConfigured)
            throw new MailNotConfiguredException();

        var count = Math.Clamp(connections ?? _options.Connections, 1, 64);
        return new Session(this, count);
    }

    public void Dispose() => _rateLimiter?.Dispose();

    // A bucket refilled every 100 ms (or once per message below 10/s) keeps the rate even without long bursts.
    private static TokenBucketRateLimiter? CreateRateLimiter(double perSecond)
    {
        if (perSecond <= 0)
            return null;

        var (period, tokens) = perSecond >= 10
            ? (TimeSpan.FromMilliseconds(100), Math.Max(1, (int)Math.Round(perSecond / 10)))
            : (TimeSpan.FromSeconds(1 / perSecond), 1);
        return new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = tokens,
            TokensPerPeriod = tokens,
            ReplenishmentPeriod = period,
            QueueLimit = 100_000,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
    }

    private MailboxAddress EnvelopeFrom(string? tag) =>
        new("", string.IsNullOrEmpty(tag) ? _bounceLocal + _bounceDomain : $"{_bounceLocal}+{tag}{_bounceDomain}");

    private sealed class Session : IMailSession
    {
        private readonly SmtpMailSender _sender;
        private readonly System.Threading.Channels.Channel<SmtpLane> _idle;
        private readonly List<SmtpLane> _lanes;
        private readonly ResiliencePipeline<SendResult> _pipeline;

        public Session(SmtpMailSender sender, int connections)
        {
            _sender = sender;
            Connections = connections;
            _lanes = Enumerable.Range(0, connections).Select(_ => new SmtpLane(sender._options, sender._clock, sender._logger)).ToList();
            _idle = System.Threading.Channels.Channel.CreateBounded<SmtpLane>(connections);
            foreach (var lane in _lanes)
                _idle.Writer.TryWrite(lane);
            _pipeline = BuildPipeline(sender);
        }

        public int Connections { get; }

        public async Task<SendResult> SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var recipient = new MailboxAddress("", mail.Recipient);
            var envelopeFrom = _sender.EnvelopeFrom(mail.BounceTag);
            _sender._dkim.Sign(mail.Message);

            var attempts = 0;
            var result = await _pipeline.ExecuteAsync(async token =>
            {
                var attempt = ++attempts;
                var lane = await _idle.Reader.ReadAsync(token);
                try
                {
                    // From here on the transaction runs to its end (or its own timeout), whatever the caller cancels.
                    return await lane.SendAsync(mail.Message, envelopeFrom, recipient, attempt);
                }
                finally
                {
                    _idle.Writer.TryWrite(lane);
                }
            }, cancellationToken);
            if (result.Status == SendStatus.Deferred)
                Log.Deferred(_sender._logger, result.Attempts);
            return result;
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var lane in _lanes)
                await lane.DisposeAsync();
        }

        private static ResiliencePipeline<SendResult> BuildPipeline(SmtpMailSender sender)
        {
            var builder = new ResiliencePipelineBuilder<SendResult> { TimeProvider = sender._clock };
            if (sender._options.TransientRetries > 0)
            {
                builder.AddRetry(new RetryStrategyOptions<SendResult>
                {
                    ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result?.Status == SendStatus.Deferred),
                    MaxRetryAttempts = sender._options.TransientRetries,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = sender._options.RetryDelay,
                    MaxDelay = TimeSpan.FromSeconds(30),
                });
            }

            if (sender._rateLimiter is not null)
                builder.AddRateLimiter(sender._rateLimiter);
            return builder.Build();
        }
    }
}
