using BreachNotify.Notices;

namespace BreachNotify.Adapters.Tables;

/// <summary>A notice moved on by <see cref="NoticeStore.UpdateAsync"/>: its row as written (or as read, when nothing changed) and the transition.</summary>
public sealed record NoticeUpdate(NoticeRecord Row, NoticeTransition Transition);
