namespace Portal.Provisioning.Approvals;

/// <summary>Says in words how a new plan differs from the approved one, for the Stale message.</summary>
public static class ApprovalPlanComparer
{
    private const int MaxDifferences = 5;

    public static string Describe(ApprovalPlan approved, ApprovalPlan current)
    {
        ArgumentNullException.ThrowIfNull(approved);
        ArgumentNullException.ThrowIfNull(current);
        var differences = new List<string>();
        var before = approved.Operations.ToDictionary(Key, StringComparer.Ordinal);
        var after = current.Operations.ToDictionary(Key, StringComparer.Ordinal);
        foreach (var (key, operation) in after)
        {
            if (!before.TryGetValue(key, out var old))
            {
                differences.Add($"{operation.Operation} {Name(operation.Urn)} is new");
            }
            else if (!old.ChangedKeys.Order(StringComparer.Ordinal).SequenceEqual(operation.ChangedKeys.Order(StringComparer.Ordinal), StringComparer.Ordinal))
            {
                differences.Add($"{operation.Operation} {Name(operation.Urn)} now changes [{string.Join(", ", operation.ChangedKeys)}] instead of [{string.Join(", ", old.ChangedKeys)}]");
            }
        }

        differences.AddRange(before.Where(b => !after.ContainsKey(b.Key)).Select(b => $"{b.Value.Operation} {Name(b.Value.Urn)} is no longer planned"));
        foreach (var image in current.Images)
        {
            var old = approved.Images.FirstOrDefault(i => i.Workload == image.Workload);
            if (old is not null && !string.Equals(old.Before, image.Before, StringComparison.Ordinal))
            {
                differences.Add($"workload {image.Workload} now runs {image.Before ?? "nothing"} (was {old.Before ?? "nothing"} when planned)");
            }
        }

        foreach (var change in current.ParameterChanges)
        {
            var old = approved.ParameterChanges.FirstOrDefault(c => c.Name == change.Name);
            if (change.Secret && old is null)
            {
                differences.Add($"secret {change.Name} would now change");
            }
            else if (old is null)
            {
                differences.Add($"{change.Name} would now also change, {change.Before ?? "unset"} → {change.After ?? "unset"}");
            }
            else if (!string.Equals(old.Before, change.Before, StringComparison.Ordinal))
            {
                differences.Add($"{change.Name} is now {change.Before ?? "unset"} (was {old.Before ?? "unset"} when planned)");
            }
        }

        if (differences.Count == 0)
        {
            return "the environment's state changed since the plan";
        }

        var shown = string.Join("; ", differences.Take(MaxDifferences));
        return differences.Count > MaxDifferences ? $"{shown}; and {differences.Count - MaxDifferences} more" : shown;
    }

    private static string Key(PlannedOperation operation) => operation.Urn + "|" + operation.Operation;

    private static string Name(string urn)
    {
        var separator = urn.LastIndexOf("::", StringComparison.Ordinal);
        return separator < 0 ? urn : urn[(separator + 2)..];
    }
}
