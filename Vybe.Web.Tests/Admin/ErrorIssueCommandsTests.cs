using Microsoft.EntityFrameworkCore;
using Vybe.Web.ErrorLog.Issues;
using static Vybe.Web.Tests.Admin.IssueAppFactory;

namespace Vybe.Web.Tests.Admin;

public sealed class ErrorIssueCommandsOnPostgresTests(IssueAppFactory app) : ErrorIssueCommandsTests<IssueAppFactory>(app);

public sealed class ErrorIssueCommandsOnSqliteTests(SqliteIssueAppFactory app) : ErrorIssueCommandsTests<SqliteIssueAppFactory>(app);

/// <summary>
/// Status changes, merge and split, with rows written through the queue and the real writer
/// afterwards: what the writer does with them (reopen, end a snooze, count on the target) is the point.
/// </summary>
public abstract class ErrorIssueCommandsTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : IssueAppFactory
{
    private DateTimeOffset Now => app.Clock.GetUtcNow();

    private async Task<ErrorIssue> NewIssueAsync(string name, int events = 1, string release = Current)
    {
        var code = NewCode(name);
        await app.WriteManyAsync(events, code, release);
        return await app.IssueOfAsync(code);
    }

    private async Task<ErrorIssue> ResolvedAsync(string name, bool inNextRelease = false)
    {
        var issue = await NewIssueAsync(name);
        Assert.Equal(ErrorIssueCommandResult.Done, await app.RunAsync(c => c.ResolveAsync(issue.Id, inNextRelease, default)));
        // Rows written before the resolution do not reopen it; these come after.
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        return await app.IssueAsync(issue.Id);
    }

    private Task WriteAgainAsync(ErrorIssue issue, string release) =>
        app.WriteAsync(Row(Now, issue.Code!, release));

    [Fact]
    public async Task Resolve_records_the_time_and_the_current_release()
    {
        var before = Now;
        var issue = await ResolvedAsync("RESOLVE");

        Assert.Equal(ErrorIssueStatus.Resolved, issue.Status);
        Assert.Equal(before, issue.ResolvedAt);
        Assert.Equal(Current, issue.ResolvedInRelease);
        Assert.False(issue.ResolvedInNextRelease);
    }

    [Fact]
    public async Task Resolved_issue_seen_in_a_later_release_reopens_as_a_regression()
    {
        var issue = await ResolvedAsync("LATER");

        await WriteAgainAsync(issue, Later);

        var reopened = await app.IssueAsync(issue.Id);
        Assert.Equal(ErrorIssueStatus.Open, reopened.Status);
        Assert.Equal(Now, reopened.RegressedAt);
    }

    [Fact]
    public async Task Resolved_issue_seen_in_the_same_release_reopens()
    {
        var issue = await ResolvedAsync("SAME");

        await WriteAgainAsync(issue, Current);

        Assert.Equal(ErrorIssueStatus.Open, (await app.IssueAsync(issue.Id)).Status);
    }

    [Fact]
    public async Task Resolved_in_the_next_release_stays_resolved_in_the_same_release_and_reopens_in_a_later_one()
    {
        var issue = await ResolvedAsync("NEXT", inNextRelease: true);

        await WriteAgainAsync(issue, Current);
        var same = await app.IssueAsync(issue.Id);
        await WriteAgainAsync(issue, Later);
        var later = await app.IssueAsync(issue.Id);

        Assert.Equal(ErrorIssueStatus.Resolved, same.Status);
        Assert.Equal(2, same.EventCount);
        Assert.Equal(ErrorIssueStatus.Open, later.Status);
        Assert.NotNull(later.RegressedAt);
    }

    [Fact]
    public async Task Resolved_issue_seen_again_only_in_an_older_release_stays_resolved()
    {
        var issue = await ResolvedAsync("OLDER");

        await WriteAgainAsync(issue, Older);

        var after = await app.IssueAsync(issue.Id);
        Assert.Equal(ErrorIssueStatus.Resolved, after.Status);
        Assert.Equal(2, after.EventCount);
        Assert.Null(after.RegressedAt);
    }

    [Fact]
    public async Task Reopen_clears_the_resolution_and_is_no_regression()
    {
        var issue = await ResolvedAsync("REOPEN");
        await WriteAgainAsync(issue, Later);

        await app.RunAsync(c => c.ReopenAsync(issue.Id, default));

        var reopened = await app.IssueAsync(issue.Id);
        Assert.Equal(ErrorIssueStatus.Open, reopened.Status);
        Assert.Null(reopened.ResolvedAt);
        Assert.Null(reopened.ResolvedInRelease);
        Assert.Null(reopened.RegressedAt);
    }

    [Fact]
    public async Task Ignored_issue_keeps_counting_and_stays_ignored_in_any_release()
    {
        var issue = await NewIssueAsync("IGNORE");

        await app.RunAsync(c => c.IgnoreAsync(issue.Id, default));
        await WriteAgainAsync(issue, Later);

        var after = await app.IssueAsync(issue.Id);
        Assert.Equal(ErrorIssueStatus.Ignored, after.Status);
        Assert.Equal(2, after.EventCount);
    }

    [Fact]
    public async Task Snooze_for_an_hour_ends_with_the_first_row_after_the_hour()
    {
        var issue = await NewIssueAsync("SNOOZE_TIME");
        var snoozedAt = Now;

        await app.RunAsync(c => c.SnoozeAsync(issue.Id, ErrorIssueSnooze.Choices.Single(s => s.Value == "1h"), default));
        var snoozed = await app.IssueAsync(issue.Id);
        app.Clock.Advance(TimeSpan.FromMinutes(59));
        await WriteAgainAsync(issue, Current);
        var within = await app.IssueAsync(issue.Id);
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        await WriteAgainAsync(issue, Current);
        var after = await app.IssueAsync(issue.Id);

        Assert.Equal(snoozedAt.AddHours(1), snoozed.SnoozedUntil);
        Assert.Equal(ErrorIssueStatus.Snoozed, within.Status);
        Assert.Equal(ErrorIssueStatus.Open, after.Status);
        Assert.Null(after.SnoozedUntil);
    }

    [Fact]
    public async Task Snooze_for_ten_events_ends_with_the_tenth()
    {
        var issue = await NewIssueAsync("SNOOZE_COUNT", events: 3);

        await app.RunAsync(c => c.SnoozeAsync(issue.Id, ErrorIssueSnooze.Choices.Single(s => s.Value == "10"), default));
        await app.WriteManyAsync(9, issue.Code!);
        var ninth = await app.IssueAsync(issue.Id);
        await app.WriteManyAsync(1, issue.Code!);
        var tenth = await app.IssueAsync(issue.Id);

        Assert.Equal(13, ninth.SnoozedUntilCount);
        Assert.Equal(ErrorIssueStatus.Snoozed, ninth.Status);
        Assert.Equal(ErrorIssueStatus.Open, tenth.Status);
        Assert.Null(tenth.SnoozedUntilCount);
    }

    [Fact]
    public async Task Resolving_ends_a_snooze()
    {
        var issue = await NewIssueAsync("SNOOZE_RESOLVE");
        await app.RunAsync(c => c.SnoozeAsync(issue.Id, ErrorIssueSnooze.Choices[0], default));

        await app.RunAsync(c => c.ResolveAsync(issue.Id, false, default));

        var resolved = await app.IssueAsync(issue.Id);
        Assert.Equal(ErrorIssueStatus.Resolved, resolved.Status);
        Assert.Null(resolved.SnoozedUntil);
    }

    [Fact]
    public async Task Merge_sums_the_counters_and_the_merged_fingerprints_future_rows_count_on_the_target()
    {
        var firstSeen = Now;
        var target = await NewIssueAsync("MERGE_TARGET", events: 3);
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        var source = await NewIssueAsync("MERGE_SOURCE", events: 2, release: Later);

        var result = await app.RunAsync(c => c.MergeAsync(target.Id, [source.Id], default));
        var merged = await app.IssueAsync(target.Id);
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        await app.WriteManyAsync(4, source.Code!, Later);
        var afterMore = await app.IssueAsync(target.Id);
        var sourceAfter = await app.IssueAsync(source.Id);

        Assert.Equal(ErrorIssueCommandResult.Done, result);
        Assert.Equal(5, merged.EventCount);
        Assert.Equal(firstSeen, merged.FirstSeen);
        Assert.Equal(firstSeen.AddMinutes(5), merged.LastSeen);
        Assert.Equal(Later, merged.LastRelease);
        Assert.Equal(9, afterMore.EventCount);
        Assert.Equal(Now, afterMore.LastSeen);
        Assert.Equal(target.Id, sourceAfter.MergedIntoId);
        Assert.Equal(2, sourceAfter.EventCount);
        // The rows remember where they counted when they were written; the fingerprint says where they count now.
        var newest = await app.WithDbAsync(db => db.ErrorLogs.Where(e => e.Code == source.Code).OrderByDescending(e => e.Id).FirstAsync());
        Assert.Equal(target.Id, newest.IssueId);
    }

    [Fact]
    public async Task Split_gives_both_issues_back_their_exact_counts()
    {
        var target = await NewIssueAsync("SPLIT_TARGET", events: 3);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var source = await NewIssueAsync("SPLIT_SOURCE", events: 2);
        await app.RunAsync(c => c.MergeAsync(target.Id, [source.Id], default));
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await app.WriteManyAsync(4, source.Code!, Later);
        await app.WriteManyAsync(1, target.Code!);
        var lastOfSource = Now;

        var result = await app.RunAsync(c => c.SplitAsync(target.Id, source.Id, default));

        var targetAfter = await app.IssueAsync(target.Id);
        var sourceAfter = await app.IssueAsync(source.Id);
        Assert.Equal(ErrorIssueCommandResult.Done, result);
        Assert.Equal(4, targetAfter.EventCount);
        Assert.Equal(Current, targetAfter.LastRelease);
        Assert.Equal(6, sourceAfter.EventCount);
        Assert.Null(sourceAfter.MergedIntoId);
        Assert.Equal(lastOfSource, sourceAfter.LastSeen);
        Assert.Equal(Later, sourceAfter.LastRelease);
        // And the writer counts the source's new rows on the source again.
        await app.WriteManyAsync(1, source.Code!);
        Assert.Equal(7, (await app.IssueAsync(source.Id)).EventCount);
        Assert.Equal(4, (await app.IssueAsync(target.Id)).EventCount);
    }

    [Fact]
    public async Task Users_are_counted_once_across_merged_fingerprints_and_again_apart_after_a_split()
    {
        var (ann, bob, cat) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var (targetCode, sourceCode) = (NewCode("USERS_TARGET"), NewCode("USERS_SOURCE"));
        await app.WriteAsync(Row(Now, targetCode, user: ann), Row(Now, targetCode, user: bob));
        await app.WriteAsync(Row(Now, sourceCode, user: bob), Row(Now, sourceCode, user: cat));
        var (target, source) = (await app.IssueOfAsync(targetCode), await app.IssueOfAsync(sourceCode));

        await app.RunAsync(c => c.MergeAsync(target.Id, [source.Id], default));
        var merged = await app.IssueAsync(target.Id);
        // Ann, already counted under the target's own fingerprint, now comes through the merged one: no new user.
        await app.WriteAsync(Row(Now, sourceCode, user: ann));
        var afterAnn = await app.IssueAsync(target.Id);
        await app.RunAsync(c => c.SplitAsync(target.Id, source.Id, default));

        Assert.Equal(3, merged.UsersCount);
        Assert.Equal(3, afterAnn.UsersCount);
        Assert.Equal(2, (await app.IssueAsync(target.Id)).UsersCount);
        Assert.Equal(3, (await app.IssueAsync(source.Id)).UsersCount);
    }

    [Fact]
    public async Task Merging_an_issue_into_itself_or_into_a_merged_one_or_twice_is_refused_and_changes_nothing()
    {
        var target = await NewIssueAsync("REFUSE_TARGET");
        var source = await NewIssueAsync("REFUSE_SOURCE");
        var third = await NewIssueAsync("REFUSE_THIRD");
        await app.RunAsync(c => c.MergeAsync(target.Id, [source.Id], default));

        var itself = await app.RunAsync(c => c.MergeAsync(target.Id, [target.Id], default));
        var intoMerged = await app.RunAsync(c => c.MergeAsync(source.Id, [third.Id], default));
        var twice = await app.RunAsync(c => c.MergeAsync(third.Id, [source.Id], default));
        var missing = await app.RunAsync(c => c.MergeAsync(target.Id, [long.MaxValue], default));
        var notMerged = await app.RunAsync(c => c.SplitAsync(target.Id, third.Id, default));

        Assert.Equal(ErrorIssueCommandOutcome.Refused, itself.Outcome);
        Assert.Contains("itself", itself.Message);
        Assert.Equal(ErrorIssueCommandOutcome.Refused, intoMerged.Outcome);
        Assert.Contains($"merged into issue #{target.Id}", intoMerged.Message);
        Assert.Equal(ErrorIssueCommandOutcome.Refused, twice.Outcome);
        Assert.Contains("already merged", twice.Message);
        Assert.Equal(ErrorIssueCommandOutcome.Refused, missing.Outcome);
        Assert.Equal(ErrorIssueCommandOutcome.Refused, notMerged.Outcome);
        Assert.Equal(2, (await app.IssueAsync(target.Id)).EventCount);
        Assert.Equal(1, (await app.IssueAsync(third.Id)).EventCount);
        Assert.Null((await app.IssueAsync(third.Id)).MergedIntoId);
    }

    [Fact]
    public async Task Merging_an_issue_that_absorbed_others_brings_them_along_and_each_splits_off_on_its_own()
    {
        var target = await NewIssueAsync("CHAIN_TARGET");
        var middle = await NewIssueAsync("CHAIN_MIDDLE", events: 2);
        var inner = await NewIssueAsync("CHAIN_INNER", events: 4);
        await app.RunAsync(c => c.MergeAsync(middle.Id, [inner.Id], default));

        await app.RunAsync(c => c.MergeAsync(target.Id, [middle.Id], default));
        var all = await app.IssueAsync(target.Id);
        await app.RunAsync(c => c.SplitAsync(target.Id, middle.Id, default));

        Assert.Equal(7, all.EventCount);
        Assert.Equal(target.Id, (await app.IssueAsync(inner.Id)).MergedIntoId);
        Assert.Equal(2, (await app.IssueAsync(middle.Id)).EventCount);
        Assert.Equal(5, (await app.IssueAsync(target.Id)).EventCount);
    }

    [Fact]
    public async Task Status_changes_to_a_merged_issue_are_refused()
    {
        var target = await NewIssueAsync("STATUS_TARGET");
        var source = await NewIssueAsync("STATUS_SOURCE");
        await app.RunAsync(c => c.MergeAsync(target.Id, [source.Id], default));

        var result = await app.RunAsync(c => c.ResolveAsync(source.Id, false, default));

        Assert.Equal(ErrorIssueCommandOutcome.Refused, result.Outcome);
        Assert.Contains($"#{target.Id}", result.Message);
        Assert.Equal(ErrorIssueStatus.Open, (await app.IssueAsync(source.Id)).Status);
    }

    [Fact]
    public async Task Commands_on_an_issue_that_does_not_exist_find_nothing()
    {
        Assert.Equal(ErrorIssueCommandResult.NotFound, await app.RunAsync(c => c.ResolveAsync(long.MaxValue, false, default)));
        Assert.Equal(ErrorIssueCommandResult.NotFound, await app.RunAsync(c => c.SplitAsync(long.MaxValue, 1, default)));
    }
}
