namespace BreachNotify.OtherNotices;

/// <summary>The timer: a prohibition whose end has come ends; one whose review date has come reminds the commanders once.</summary>
public sealed record CheckProhibition : MatterMessage;
