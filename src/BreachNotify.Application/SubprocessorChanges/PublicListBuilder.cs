using BreachNotify.Parties;
using BreachNotify.SubprocessorChanges;

namespace BreachNotify.Application.SubprocessorChanges;

/// <summary>
/// The public list: the directory's sub-processors with every approved change that took effect applied in order of effect
/// (add, replace, remove), and the approved changes still to come. Whether a change took effect is its own state (its
/// timer records <see cref="ChangeTookEffect"/>), never worked out here from the time today.
/// </summary>
internal static class PublicListBuilder
{
    public static PublicSubprocessorList Build(ProcessorDirectory directory, IEnumerable<ChangeListEntry> entries, DateTimeOffset now)
    {
        var approved = entries.Where(e => e.Status == ChangeStatus.Approved).OrderBy(e => e.EffectiveAt).ThenBy(e => e.AnnouncedAt).ToList();
        var current = directory.Subprocessors.Select(s => new PublicSubprocessor(s.Id, s.Name, null, null, null, null)).ToList();
        foreach (var change in approved.Where(e => e.TookEffectAt is not null))
        {
            var gone = change.Kind switch
            {
                ChangeKind.Remove => change.Subprocessor.Id,
                ChangeKind.Replace => change.Replaces,
                _ => null,
            };
            current.RemoveAll(s => s.Id == gone || (change.Kind != ChangeKind.Remove && s.Id == change.Subprocessor.Id));
            if (change.Kind != ChangeKind.Remove)
            {
                var s = change.Subprocessor;
                current.Add(new PublicSubprocessor(s.Id, s.Name, s.Entity, s.Purpose, s.Location, change.EffectiveAt));
            }
        }

        return new PublicSubprocessorList(
            directory.Processor.Name,
            now,
            [.. current.OrderBy(s => s.Name, StringComparer.OrdinalIgnoreCase)],
            [.. approved.Where(e => e.TookEffectAt is null).Select(e => new PublicUpcomingChange(e.Kind, e.Subprocessor, e.Replaces, e.EffectiveAt))]);
    }
}
