namespace Scaffolder.EndToEnd;

/// <summary>
/// A bucket (S3) or container (Azure) of its own for one scenario, made and removed with the Python client
/// libraries in the chroot, and the environment variables the rendered settings read to reach it.
/// </summary>
public static class ObjectStores
{
    public static Dictionary<string, string> Create(Chroot chroot, string storage, string bucket)
    {
        var environment = EnvironmentFor(storage, bucket);
        if (CreateScript(storage) is { } script)
            chroot.Check("/", $"python3 -c \"{script}\"", environment);
        return environment;
    }

    public static void Delete(Chroot chroot, string storage, string bucket)
    {
        if (DeleteScript(storage) is { } script)
            chroot.Run("/", $"python3 -c \"{script}\"", EnvironmentFor(storage, bucket));
    }

    /// <summary>Where the store serves a bucket's public files from; null for WhiteNoise, which serves them from the app.</summary>
    public static string? PublicOrigin(string storage, string bucket) => storage switch
    {
        "s3" => $"http://127.0.0.1:{Services.S3Port}/{bucket}/",
        "azure" => $"http://127.0.0.1:{Services.AzuritePort}/{Services.AzuriteAccount}/{StaticContainer(bucket)}/",
        _ => null,
    };

    /// <summary>The public container (Azure) or bucket (GCS) for static files, beside the private one for uploads.</summary>
    public static string StaticContainer(string bucket) => bucket + "-static";

    private static Dictionary<string, string> EnvironmentFor(string storage, string bucket) => storage switch
    {
        "s3" => new()
        {
            ["AWS_STORAGE_BUCKET_NAME"] = bucket,
            ["AWS_ACCESS_KEY_ID"] = Services.S3Key,
            ["AWS_SECRET_ACCESS_KEY"] = Services.S3Key,
            ["AWS_S3_ENDPOINT_URL"] = $"http://127.0.0.1:{Services.S3Port}",
            ["AWS_S3_REGION_NAME"] = "us-east-1",
            ["AWS_S3_ADDRESSING_STYLE"] = "path",
        },
        "azure" => new()
        {
            ["AZURE_CONNECTION_STRING"] = Services.AzureConnectionString,
            ["AZURE_CONTAINER"] = bucket,
            ["AZURE_STATIC_CONTAINER"] = StaticContainer(bucket),
        },
        "gcs" => new() { ["GS_BUCKET_NAME"] = bucket, ["GS_STATIC_BUCKET_NAME"] = StaticContainer(bucket) },
        _ => [],
    };

    private const string S3Bucket =
        "import boto3, os; bucket = boto3.resource('s3', endpoint_url=os.environ['AWS_S3_ENDPOINT_URL']).Bucket(os.environ['AWS_STORAGE_BUCKET_NAME'])";

    private const string AzureService =
        "import os; from azure.storage.blob import BlobServiceClient; service = BlobServiceClient.from_connection_string(os.environ['AZURE_CONNECTION_STRING'])";

    private static string? CreateScript(string storage) => storage switch
    {
        "s3" => $"{S3Bucket}; bucket.create()",
        // Uploads in a private container; static files served straight from a public one, as the settings ask.
        "azure" => $"{AzureService}; service.create_container(os.environ['AZURE_CONTAINER']); "
            + "service.create_container(os.environ['AZURE_STATIC_CONTAINER'], public_access='blob')",
        _ => null,
    };

    private static string? DeleteScript(string storage) => storage switch
    {
        "s3" => $"{S3Bucket}; bucket.objects.all().delete(); bucket.delete()",
        "azure" => $"{AzureService}; service.delete_container(os.environ['AZURE_CONTAINER']); "
            + "service.delete_container(os.environ['AZURE_STATIC_CONTAINER'])",
        _ => null,
    };
}
