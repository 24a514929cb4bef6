using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outreach.Dashboard.Staff;
using Outreach.Integrations.Time;
using Outreach.Worker.Digests.Events;

namespace Outreach.Dashboard.Digests;

/// <summary>The event editor: operators create and change events; times are the library's wall clock (Outreach:TimeZone).</summary>
[Authorize(Policy = StaffPolicies.Operator)]
public sealed class EventEditModel(EventStore events, LibraryCalendar calendar) : PageModel
{
    private const string LocalFormat = "yyyy-MM-dd'T'HH:mm";

    [BindProperty]
    public EventForm Input { get; set; } = new();

    public long? Id { get; private set; }

    public IReadOnlyDictionary<string, string> Problems { get; private set; } = new Dictionary<string, string>();

    public IReadOnlyCollection<string> Communities => events.KnownCommunities.Order(StringComparer.Ordinal).ToList();

    public async Task<IActionResult> OnGetAsync(long? id, CancellationToken cancellationToken)
    {
        Id = id;
        if (id is null)
        {
            var start = calendar.StartOf(calendar.Today.AddDays(7)).AddHours(14);
            Input = new EventForm { StartsAt = Local(start), EndsAt = Local(start.AddHours(2)) };
            return Page();
        }

        if (await events.FindAsync(id.Value, cancellationToken) is not { } found)
            return NotFound();
        Input = new EventForm
        {
            Kind = found.Kind, Title = found.Title, Summary = found.Summary, Venue = found.Venue, StartsAt = Local(found.StartsAt),
            EndsAt = Local(found.EndsAt), Communities = [.. found.Communities], Capacity = found.Capacity, RegistrationUrl = found.RegistrationUrl,
            Cancelled = found.Cancelled,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long? id, CancellationToken cancellationToken)
    {
        Id = id;
        var problems = new Dictionary<string, string>();
        var draft = new EventDraft(Input.Kind ?? "", Input.Title ?? "", Input.Summary, Input.Venue, Parse(Input.StartsAt, "starts_at", problems),
            Parse(Input.EndsAt, "ends_at", problems), Input.Communities, Input.Capacity, Input.RegistrationUrl);
        foreach (var (field, problem) in problems.Count == 0 ? draft.Problems(events.KnownCommunities) : problems)
            problems[field] = problem;
        if (problems.Count > 0)
        {
            Problems = problems;
            return Page();
        }

        if (id is null)
            await events.CreateAsync(draft, EventStore.StaffSource, cancellationToken);
        else if (await events.UpdateAsync(id.Value, draft, Input.Cancelled, cancellationToken) is null)
            return NotFound();
        return RedirectToPage("/Digests/Events");
    }

    public string? Problem(string field) => Problems.TryGetValue(field, out var problem) ? problem : null;

    /// <summary>The library's time zone, in which the editor's times are read.</summary>
    public string ZoneId => calendar.Zone.Id;

    private string Local(DateTimeOffset instant) => calendar.Local(instant).ToString(LocalFormat, CultureInfo.InvariantCulture);

    private DateTimeOffset Parse(string? text, string field, Dictionary<string, string> problems)
    {
        if (DateTime.TryParseExact(text, LocalFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            return calendar.At(local);
        problems[field] = "A date and time is required.";
        return default;
    }

    public sealed class EventForm
    {
        public string? Kind { get; set; } = "lecture";

        public string? Title { get; set; }

        public string? Summary { get; set; }

        public string? Venue { get; set; }

        public string? StartsAt { get; set; }

        public string? EndsAt { get; set; }

        public List<string> Communities { get; set; } = [];

        public int? Capacity { get; set; }

        public string? RegistrationUrl { get; set; }

        public bool Cancelled { get; set; }
    }
}
