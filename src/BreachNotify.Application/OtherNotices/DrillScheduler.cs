using System.Globalization;
using Azure;
using Azure.Data.Tables;
using BreachNotify.OtherNotices;
using Microsoft.Extensions.Logging;

namespace BreachNotify.Application.OtherNotices;

/// <summary>
/// Drill schedules and their timer, one row each in the matters table's <c>drill-schedules</c> partition (the schedule and its
/// <c>NextCheckAt</c> in one row, so neither exists without the other). The outbox sweep reads that one partition: for a due
/// schedule it records the latest due occurrence as a contact drill whose id is derived from the schedule and the occurrence's
/// time, so a sweep repeated after a crash or a restart finds that drill instead of making a second; then it moves the row to the
/// next occurrence under its ETag. Occurrences missed while nothing ran are not made up: only the latest is recorded.
/// </summary>
public sealed class DrillScheduler(MatterStore store, MatterWorkflow workflow, TimeProvider time, ILogger<DrillScheduler> logger)
{
    public const string Partition = "drill-schedules";
    private const int MaxPerRun = 100;
    private const int MaxConflicts = 10;

    /// <summary>Adds a schedule; false when one with its id exists (a retried request: the stored one stands).</summary>
    public async Task<bool> AddAsync(DrillSchedule schedule, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.Table.Table.AddEntityAsync(Row(schedule, schedule.Occurrence(0)), cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    public async Task<DrillScheduleView?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        var row = await store.Table.Table.GetEntityIfExistsAsync<TableEntity>(Partition, id, cancellationToken: cancellationToken);
        return row.HasValue ? View(row.Value!) : null;
    }

    /// <summary>
    /// Replaces a schedule's fields (its id and creation stay), under the row's ETag: a sweep moving it on meanwhile makes it
    /// read the row again. Null when there is no such schedule.
    /// </summary>
    public async Task<DrillScheduleView?> UpdateAsync(string id, DrillScheduleRequest request, string by, CancellationToken cancellationToken = default)
    {
        for (var attempt = 0; attempt < MaxConflicts; attempt++)
        {
            var found = await store.Table.Table.GetEntityIfExistsAsync<TableEntity>(Partition, id, cancellationToken: cancellationToken);
            if (!found.HasValue)
            {
                return null;
            }

            var row = found.Value!;
            var before = JsonColumns.Read<DrillSchedule>(row);
            var now = time.GetUtcNow();
            var after = before with
            {
                EveryMonths = request.EveryMonths, StartAt = request.StartAt, Customers = request.Customers, Summary = request.Summary,
                AutoApprove = request.AutoApprove, UpdatedBy = by, UpdatedAt = now,
            };
            var next = after.NextAfterEdit(before, row.GetDateTimeOffset("NextCheckAt") ?? now, now);
            try
            {
                await store.Table.Table.UpdateEntityAsync(Row(after, next), row.ETag, TableUpdateMode.Replace, cancellationToken);
                logger.DrillScheduleUpdated(id);
                return DrillScheduleView.Of(after, next);
            }
            catch (RequestFailedException e) when (e.Status is 412 or 404)
            {
                // Moved on by a sweep, or deleted: read it again.
            }
        }

        throw new InvalidOperationException($"Drill schedule {id}: too many concurrent writes.");
    }

    /// <summary>Deletes a schedule (the drills it recorded stay); false when there is none.</summary>
    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        // The SDK answers a missing entity's delete with its 404 response rather than an exception.
        using var response = await store.Table.Table.DeleteEntityAsync(Partition, id, ETag.All, cancellationToken);
        if (response.Status == 404)
        {
            return false;
        }

        logger.DrillScheduleDeleted(id);
        return true;
    }

    public async Task<IReadOnlyList<DrillScheduleView>> ListAsync(CancellationToken cancellationToken = default)
    {
        var views = new List<DrillScheduleView>();
        await foreach (var row in store.Table.Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), cancellationToken: cancellationToken))
        {
            views.Add(View(row));
        }

        return views;
    }

    /// <summary>Records the drills of the schedules due now; the number recorded.</summary>
    public async Task<int> RunDueAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var recorded = 0;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and NextCheckAt le {now}");
        var due = new List<TableEntity>();
        await foreach (var row in store.Table.Table.QueryAsync<TableEntity>(filter, maxPerPage: MaxPerRun, cancellationToken: cancellationToken))
        {
            due.Add(row);
            if (due.Count >= MaxPerRun)
            {
                break;
            }
        }

        foreach (var row in due)
        {
            var schedule = JsonColumns.Read<DrillSchedule>(row);
            var index = schedule.LatestDue(now);
            var at = schedule.Occurrence(index);
            var id = MatterId.FromKey($"drill-schedule:{schedule.Id}", at.ToString("O", CultureInfo.InvariantCulture));
            var actor = $"schedule:{schedule.Id}";
            var drill = new OtherMatter { Kind = OtherNoticeKind.ContactDrill, Customers = schedule.Customers, ReceivedAt = at, Summary = schedule.Summary };
            var (step, state) = await workflow.HandleAsync(id, new ReceiveMatter(drill, actor), cancellationToken);
            if (step.Refusal is { } refused)
            {
                // The directory changed since the schedule was made (a customer left): this occurrence cannot be recorded; the next may.
                logger.ScheduledDrillRefused(schedule.Id, refused.Reason);
            }
            else
            {
                recorded += step.IsNothing ? 0 : 1;
                if (schedule.AutoApprove && state is { Status: MatterStatus.AwaitingDecision })
                {
                    await workflow.HandleAsync(id, new DecideMatter(MatterDecisionKind.Approve, actor, "approved by its schedule"), cancellationToken);
                }

                logger.ScheduledDrillRecorded(schedule.Id, id);
            }

            try
            {
                await store.Table.Table.UpdateEntityAsync(Row(schedule, schedule.Occurrence(index + 1)), row.ETag, TableUpdateMode.Replace, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status is 412 or 404)
            {
                // Another sweep moved it on (the drill it recorded is the one recorded here: the same id), a commander edited it
                // (the edit stands), or deleted it.
            }
        }

        return recorded;
    }

    private static TableEntity Row(DrillSchedule schedule, DateTimeOffset nextAt)
    {
        var row = new TableEntity(Partition, schedule.Id) { ["NextCheckAt"] = nextAt };
        JsonColumns.Write(row, schedule);
        return row;
    }

    private static DrillScheduleView View(TableEntity row) =>
        DrillScheduleView.Of(JsonColumns.Read<DrillSchedule>(row), row.GetDateTimeOffset("NextCheckAt") ?? default);
}
