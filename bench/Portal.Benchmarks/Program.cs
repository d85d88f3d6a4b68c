using System.Reflection;
using System.Runtime.InteropServices;
using Portal.Benchmarks;

// Runs the benchmarks named on the command line (or all of them) and prints Markdown for docs/benchmarks.md.
var benchmarks = typeof(IBenchmark).Assembly.GetTypes()
    .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IBenchmark).IsAssignableFrom(t))
    .Select(t => (IBenchmark)Activator.CreateInstance(t)!)
    .OrderBy(b => b.Name, StringComparer.Ordinal)
    .ToList();

if (args.Contains("--list"))
{
    foreach (var b in benchmarks)
    {
        Console.WriteLine($"{b.Name,-24} {b.Description}");
    }
    return 0;
}

var selected = args.Length == 0 ? benchmarks : benchmarks.Where(b => args.Contains(b.Name, StringComparer.Ordinal)).ToList();
if (selected.Count == 0)
{
    Console.Error.WriteLine($"No benchmark named {string.Join(", ", args)}. Use --list.");
    return 2;
}

Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1 << 30)} GiB, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, {Assembly.GetExecutingAssembly().GetName().Name}");
foreach (var benchmark in selected)
{
    Console.WriteLine();
    Console.WriteLine($"## {benchmark.Name}: {benchmark.Description}");
    Console.WriteLine();
    await benchmark.RunAsync(Console.Out, CancellationToken.None);
}
return 0;
