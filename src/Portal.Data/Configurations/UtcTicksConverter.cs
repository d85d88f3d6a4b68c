using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Portal.Data.Configurations;

/// <summary>
/// Stores DateTimeOffset as UTC ticks (INTEGER). EF Core 6 on SQLite cannot compare or order DateTimeOffset
/// stored as text, and the audit and job pages filter and sort by time.
/// </summary>
public sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    value => value.UtcTicks,
    ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
