using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.Extensions.Options;
using MimeKit;
using Vybe.Web.Accounts;

namespace Vybe.Web.ErrorLog.Issues;

/// <summary>What the daily digest reports for the 24 hours from <see cref="From"/> to <see cref="To"/>.</summary>
public sealed record ErrorDigestContent(
    DateTimeOffset From,
    DateTimeOffset To,
    IReadOnlyList<ErrorIssue> NewIssues,
    IReadOnlyList<ErrorIssue> Regressions,
    IReadOnlyList<ErrorIssue> Spikes,
    IReadOnlyList<ErrorDigestTopIssue> Top)
{
    /// <summary>A digest is sent only when something happened that no one has been told about yet in a digest.</summary>
    public bool HasNews => NewIssues.Count + Regressions.Count + Spikes.Count > 0;
}

/// <summary>An issue and its events in the digest's 24 hours.</summary>
public sealed record ErrorDigestTopIssue(ErrorIssue Issue, long Events);

/// <summary>The error e-mails, as plain text and HTML messages, like the account e-mails. Building one does no I/O.</summary>
public sealed class ErrorAlertMessages(IOptions<EmailOptions> options, ErrorAlertLinks links)
{
    private const int SubjectTitleLength = 120;
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Subject(ErrorIssueAlert alert, ErrorIssue issue) => alert.Kind switch
    {
        ErrorIssueAlertKind.NewIssue => $"[Vybe] New issue: {OneLine(issue.Title)}",
        ErrorIssueAlertKind.Regression => $"[Vybe] Regression: {OneLine(issue.Title)}",
        ErrorIssueAlertKind.Spike => $"[Vybe] Spike: {alert.HourCount.ToString(Invariant)} events in an hour ({Usual(alert)}): {OneLine(issue.Title)}",
        _ => throw new ArgumentOutOfRangeException(nameof(alert), alert.Kind, null),
    };

    public static string DigestSubject(ErrorDigestContent digest)
    {
        var parts = new List<string>();
        AddCount(parts, digest.NewIssues.Count, "new issue", "new issues");
        AddCount(parts, digest.Regressions.Count, "regression", "regressions");
        AddCount(parts, digest.Spikes.Count, "spike", "spikes");
        return $"[Vybe] Error digest for {digest.To.UtcDateTime.ToString("d MMMM yyyy", Invariant)}: {string.Join(", ", parts)}";
    }

    public MimeMessage Alert(string to, ErrorIssueAlert alert, ErrorIssue issue)
    {
        var lead = alert.Kind switch
        {
            ErrorIssueAlertKind.NewIssue => "A new issue appeared in Vybe's error log.",
            ErrorIssueAlertKind.Regression => $"An issue that was resolved{(issue.ResolvedInRelease is { } release ? $" in release {release}" : "")} was seen again"
                + $"{(issue.LastRelease is { } last ? $" in release {last}" : "")}, so it is open again (a regression).",
            _ => $"An issue had {alert.HourCount.ToString(Invariant)} events in the hour from {Time(ErrorIssueHour.Of(alert.At))}, "
                + (alert.PreviousDayAverage > 0
                    ? $"{Factor(alert)} times its average hour of the day before ({alert.PreviousDayAverage.ToString("0.##", Invariant)})."
                    : "and none the day before."),
        };
        var builder = new Body();
        builder.Paragraph(lead);
        builder.Quote(issue.Title);
        builder.Facts(Facts(issue));
        builder.Link("The issue", links.Issue(issue.Id));
        builder.Paragraph("At most one alert per issue an hour; the daily digest lists what happened in between.");
        Closing(builder);
        return Build(to, Subject(alert, issue), builder);
    }

    public MimeMessage Digest(string to, ErrorDigestContent digest)
    {
        var builder = new Body();
        builder.Paragraph($"What happened in Vybe's error log in the 24 hours from {Time(digest.From)} to {Time(digest.To)}.");
        Section(builder, "New issues", digest.NewIssues.Select(i => (i, $"first seen {Time(i.FirstSeen)}, {Count(i.EventCount)} so far")));
        Section(builder, "Regressions", digest.Regressions.Select(i => (i, $"seen again {Time(i.RegressedAt ?? i.LastSeen)}")));
        Section(builder, "Spikes", digest.Spikes.Select(i => (i, $"in the hour from {Time(i.SpikeHour ?? i.LastSeen)}")));
        Section(builder, "Most events", digest.Top.Select(t => (t.Issue, $"{Count(t.Events)} in these 24 hours, {t.Issue.Status}")));
        Closing(builder);
        return Build(to, DigestSubject(digest), builder);
    }

    private void Section(Body builder, string heading, IEnumerable<(ErrorIssue Issue, string Note)> items)
    {
        var list = items.Select(item => ($"{OneLine(item.Issue.Title)} ({item.Issue.Level}, {item.Issue.Service}): {item.Note}", links.Issue(item.Issue.Id))).ToList();
        if (list.Count > 0)
        {
            builder.List(heading, list);
        }
    }

    private void Closing(Body builder) => builder.Paragraph(
        $"You get this e-mail because you are an admin of Vybe. Choose which error e-mails you get on your account page: {links.AccountSettings()}");

    private static List<(string Name, string Value)> Facts(ErrorIssue issue)
    {
        var facts = new List<(string, string)>
        {
            ("Level", issue.Level),
            ("Service", issue.Service),
        };
        if (issue.Code is { } code)
        {
            facts.Add(("Code", code));
        }
        if (issue.Culprit is { } culprit)
        {
            facts.Add(("Where", culprit));
        }
        facts.Add(("First seen", Time(issue.FirstSeen)));
        facts.Add(("Last seen", Time(issue.LastSeen)));
        facts.Add(("Events", Count(issue.EventCount)));
        facts.Add(("Users affected", issue.UsersCount.ToString(Invariant)));
        if (issue.LastRelease is { } release)
        {
            facts.Add(("Last release", release));
        }
        facts.Add(("Status", issue.Status));
        return facts;
    }

    private MimeMessage Build(string to, string subject, Body body)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(options.Value.From));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Body = new BodyBuilder { TextBody = body.Text.ToString(), HtmlBody = body.Html.ToString() }.ToMessageBody();
        return message;
    }

    /// <summary>"10× usual", or "none the day before" when the day before had no events.</summary>
    private static string Usual(ErrorIssueAlert alert) => alert.PreviousDayAverage > 0 ? $"{Factor(alert)}× usual" : "none the day before";

    private static string Factor(ErrorIssueAlert alert)
    {
        var factor = alert.HourCount / alert.PreviousDayAverage;
        return factor.ToString(factor >= 10 ? "0" : "0.#", Invariant);
    }

    private static string Count(long events) => events == 1 ? "1 event" : $"{events.ToString(Invariant)} events";

    private static void AddCount(List<string> parts, int count, string one, string many)
    {
        if (count > 0)
        {
            parts.Add($"{count.ToString(Invariant)} {(count == 1 ? one : many)}");
        }
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", Invariant);

    /// <summary>A title fit for a subject line: one line, and not too long.</summary>
    private static string OneLine(string title)
    {
        var line = string.Join(' ', title.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return line.Length <= SubjectTitleLength ? line : line[..(SubjectTitleLength - 1)] + "…";
    }

    /// <summary>The text and HTML bodies, written side by side so they say the same.</summary>
    private sealed class Body
    {
        private static readonly HtmlEncoder Encoder = HtmlEncoder.Default;

        public StringBuilder Text { get; } = new();
        public StringBuilder Html { get; } = new();

        public void Paragraph(string text)
        {
            Text.Append(text).Append("\n\n");
            Html.Append("<p>").Append(Encoder.Encode(text)).Append("</p>");
        }

        public void Quote(string text)
        {
            Text.Append("    ").Append(text.Replace("\n", "\n    ", StringComparison.Ordinal)).Append("\n\n");
            Html.Append("<blockquote><pre>").Append(Encoder.Encode(text)).Append("</pre></blockquote>");
        }

        public void Facts(IEnumerable<(string Name, string Value)> facts)
        {
            Html.Append("<dl>");
            foreach (var (name, value) in facts)
            {
                Text.Append(name).Append(": ").Append(value).Append('\n');
                Html.Append("<dt>").Append(Encoder.Encode(name)).Append("</dt><dd>").Append(Encoder.Encode(value)).Append("</dd>");
            }
            Text.Append('\n');
            Html.Append("</dl>");
        }

        public void Link(string label, string url)
        {
            Text.Append(label).Append(": ").Append(url).Append("\n\n");
            Html.Append("<p><a href=\"").Append(Encoder.Encode(url)).Append("\">").Append(Encoder.Encode(label)).Append("</a></p>");
        }

        public void List(string heading, IEnumerable<(string Text, string Url)> items)
        {
            Text.Append(heading).Append('\n');
            Html.Append("<h2>").Append(Encoder.Encode(heading)).Append("</h2><ul>");
            foreach (var (text, url) in items)
            {
                Text.Append("- ").Append(text).Append("\n  ").Append(url).Append('\n');
                Html.Append("<li><a href=\"").Append(Encoder.Encode(url)).Append("\">").Append(Encoder.Encode(text)).Append("</a></li>");
            }
            Text.Append('\n');
            Html.Append("</ul>");
        }
    }
}
