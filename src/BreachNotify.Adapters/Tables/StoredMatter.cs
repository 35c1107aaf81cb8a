using Azure;
using BreachNotify.OtherNotices;

namespace BreachNotify.Adapters.Tables;

/// <summary>A matter's state as read, with the ETag that guards the next write.</summary>
public sealed record StoredMatter(MatterState State, ETag ETag);
