package org.corridor.platform.policy;

/** Whether a country grants North Koreans refugee status. */
public enum RefugeeRecognition {
    RECOGNISED, AD_HOC, NOT_RECOGNISED
}
