namespace BreachNotify.OtherNotices;

/// <summary>What the matter's decision function is asked to act on.</summary>
public abstract record MatterMessage;
