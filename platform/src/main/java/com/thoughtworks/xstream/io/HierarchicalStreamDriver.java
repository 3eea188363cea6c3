package com.thoughtworks.xstream.io;

/**
 * Not XStream: an empty marker under the name of one XStream interface, so that the JVM can link axon-kafka 4.9's
 * builders without the XStream library. Those builders fall back to an XStream serializer when none is given (we
 * always give Jackson's), and the bytecode verifier loads this one type to check that fallback's code; nothing ever
 * runs it. XStream itself ({@code com.thoughtworks.xstream.XStream}) is on no class path of this project: the build
 * bans the artifact, and {@code AllowedTypesJacksonSerializerTest} checks the class is absent.
 */
public interface HierarchicalStreamDriver {
}
