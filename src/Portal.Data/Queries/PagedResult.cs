namespace Portal.Data.Queries;

/// <summary>One page of a server-paged list and the total number of rows that match.</summary>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, int TotalCount);
