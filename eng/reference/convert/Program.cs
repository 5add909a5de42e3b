using CxMetrics.IO;

// usage: Convert IN.csv OUT.arrow|OUT.parquet [...]   (strict read; exit 1 with the reader's message on bad input)
try
{
    for (var k = 1; k < args.Length; k++)
    {
        using var reader = InteractionReader.Open(args[0], InteractionReaderOptions.Default with { ReadCustomer = true });
        using var writer = InteractionWriter.Create(args[k]);
        while (reader.ReadBatch() is { } batch)
        {
            writer.Write(batch);
        }
    }

    return 0;
}
catch (InteractionDataException e)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}
