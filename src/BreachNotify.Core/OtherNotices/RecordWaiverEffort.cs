namespace BreachNotify.OtherNotices;

/// <summary>A commander's effort to have the prohibition waived (the SCCs expect such efforts documented).</summary>
public sealed record RecordWaiverEffort(string CommanderId, string Text) : MatterMessage;
