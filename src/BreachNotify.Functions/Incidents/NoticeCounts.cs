namespace BreachNotify.Functions.Incidents;

public sealed record NoticeCounts(int Total, int Pending, int Sent, int Failed, int Acknowledged);
